// Header names alone, in English, French, German and Spanish and as real exports spell them:
// each row is a header, the source kind and the role it must suggest. Pure TypeScript: no
// engine needed.
import { describe, expect, it } from 'vitest';
import { matchHeader, knownHeaderNames } from '../../src/lib/core/roles/header-match';
import { compactHeader, normaliseHeader } from '../../src/lib/core/roles/normalise-header';
import type { RoleId, SourceKind } from '../../src/lib/core/roles/vocabulary';
import { SOURCE_KINDS } from '../../src/lib/core/roles/vocabulary';

type Row = [header: string, role: RoleId, kind?: SourceKind];

// prettier-ignore
const PROFILE_HEADERS: Row[] = [
	// English
	['E-mail', 'email'], ['Email address', 'email'], ['mail', 'email'], ['EMAIL', 'email'],
	['eMail', 'email'], ['User Email', 'email'], ['Phone', 'phone'], ['phone_number', 'phone'],
	['Mobile', 'mobile'], ['Cell phone', 'mobile'], ['given_name', 'first_name'],
	['firstName', 'first_name'], ['surname', 'last_name'], ['Last Name', 'last_name'],
	['Full name', 'full_name'], ['dob', 'birth_date'], ['date_of_birth', 'birth_date'],
	['Birthday', 'birth_date'], ['gender', 'gender'], ['Title', 'gender'],
	['street_number', 'house_number'], ['address_1', 'street'], ['address_2', 'address_line2'],
	['Address Line 2', 'address_line2'], ['suburb', 'city'], ['postcode', 'postcode'],
	['postcode_fake', 'postcode'], ['zip', 'postcode'], ['ZIP code', 'postcode'],
	['state', 'region'], ['country', 'country'], ['Company name', 'company'],
	['soc_sec_id', 'national_id'], ['SSN', 'national_id'], ['rec_id', 'record_key'],
	['unique_id', 'record_key'], ['customer_id', 'record_key'], ['customerID', 'record_key'],
	['Loyalty card', 'loyalty_id'], ['loyalty_card_number', 'loyalty_id'],
	['newsletter', 'email_optin'], ['accepts_marketing', 'email_optin'], ['SMS opt-in', 'sms_optin'],
	['created_at', 'created_at'], ['signup_date', 'created_at'], ['updated_at', 'updated_at'],
	['Last modified', 'updated_at'], ['cluster', 'custom'],
	// French
	['courriel', 'email'], ['Adresse e-mail', 'email'], ['Téléphone', 'phone'], ['Tel.', 'phone'],
	['Tél. client', 'phone'], ['Portable', 'mobile'], ['Tél. portable', 'mobile'], ['Prénom', 'first_name'],
	['Nom', 'last_name'], ['NOM', 'last_name'], ['Nom de famille', 'last_name'], ['Nom client', 'full_name'],
	['Date de naissance', 'birth_date'], ['Civilité', 'gender'], ['Sexe', 'gender'], ['Adresse', 'street'],
	['Complément d\'adresse', 'address_line2'], ['Code postal', 'postcode'], ['CP', 'postcode'],
	['Ville', 'city'], ['Département', 'region'], ['Pays', 'country'], ['Société', 'company'],
	['ID Contact', 'record_key'], ['id client', 'record_key'], ['N° client', 'record_key'],
	['carte fidélité', 'loyalty_id'], ['N° carte fidélité', 'loyalty_id'], ['Optin email', 'email_optin'],
	['consentement', 'email_optin'], ['Consentement SMS', 'sms_optin'], ['Date de création', 'created_at'],
	['Date de modification', 'updated_at'], ['Numéro de sécurité sociale', 'national_id'],
	['Magasin', 'custom'],
	// German
	['E-Mail-Adresse', 'email'], ['Telefon', 'phone'], ['Telefonnummer', 'phone'], ['Handy', 'mobile'],
	['Vorname', 'first_name'], ['Nachname', 'last_name'], ['Geburtsdatum', 'birth_date'],
	['Anrede', 'gender'], ['Straße', 'street'], ['Hausnummer', 'house_number'], ['PLZ', 'postcode'],
	['Postleitzahl', 'postcode'], ['Ort', 'city'], ['Bundesland', 'region'], ['Land', 'country'],
	['Firma', 'company'], ['Kundennummer', 'record_key'], ['Kundenkarte', 'loyalty_id'],
	['Newsletter-Einwilligung', 'email_optin'], ['Erstellt am', 'created_at'],
	// Spanish
	['correo electrónico', 'email'], ['teléfono', 'phone'], ['móvil', 'mobile'], ['nombre', 'first_name'],
	['apellido', 'last_name'], ['Apellidos', 'last_name'], ['fecha de nacimiento', 'birth_date'],
	['género', 'gender'], ['dirección', 'street'], ['código postal', 'postcode'], ['ciudad', 'city'],
	['provincia', 'region'], ['país', 'country'], ['empresa', 'company'], ['DNI', 'national_id'],
	['tarjeta de fidelidad', 'loyalty_id'], ['fecha de alta', 'created_at'], ['id_cliente', 'record_key']
];

// prettier-ignore
const EVENT_HEADERS: Row[] = [
	['order_id', 'order_id'], ['Order Number', 'order_id'], ['N° ticket', 'order_id'],
	['Numéro de commande', 'order_id'], ['Bestellnummer', 'order_id'], ['número de pedido', 'order_id'],
	['customer_id', 'record_key'], ['id client', 'record_key'], ['master_id', 'record_key'],
	['order_date', 'event_time'], ['Date', 'event_time'], ['date', 'event_time'], ['EVENT_TIME', 'event_time'],
	['Session Start', 'event_time'], ['openedAt', 'event_time'], ['created_at', 'event_time'],
	['Datum', 'event_time'], ['fecha', 'event_time'], ['Horodatage', 'event_time'],
	['amount', 'amount'], ['total_amount', 'amount'], ['Montant TTC', 'amount'], ['montant', 'amount'],
	['Betrag', 'amount'], ['importe', 'amount'], ['dollar_value', 'amount'], ['Prix', 'amount'],
	['currency', 'currency'], ['Devise', 'currency'], ['Währung', 'currency'],
	['items', 'quantity'], ['Nb articles', 'quantity'], ['qty', 'quantity'], ['Menge', 'quantity'],
	['cantidad', 'quantity'], ['number_of_cds', 'quantity'],
	['channel', 'channel'], ['Canal', 'channel'], ['Magasin', 'store'], ['store_name', 'store'],
	['Filiale', 'store'], ['tienda', 'store'], ['product', 'product'], ['SKU', 'product'], ['Produit', 'product'],
	['category', 'category'], ['Catégorie', 'category'], ['Campaign', 'campaign'], ['CAMPAIGN', 'campaign'],
	['utm_campaign', 'campaign'], ['Campagne', 'campaign'], ['EVENT_TYPE', 'event_type'],
	['status', 'event_type'], ['Type', 'event_type'],
	['EMAIL', 'email'], ['User Email', 'email'], ['Carte fidélité', 'loyalty_id'], ['Tél. client', 'phone'],
	['Nom client', 'full_name'],
	['EVENT_ID', 'custom'], ['Session ID', 'custom'], ['ticketId', 'custom'], ['Visitor ID', 'custom'],
	['closedAt', 'custom'], ['Heure', 'custom'], ['Règlement', 'custom'], ['payment_method', 'custom'],
	['Duration (s)', 'custom'], ['Pageviews', 'custom'], ['Device Category', 'custom'],
	['Landing Page', 'custom'], ['subject', 'custom'], ['newsletter', 'campaign']
];

describe('header normalisation', () => {
	it.each([
		['Date de naissance', 'date de naissance'],
		['date_de_naissance', 'date de naissance'],
		['DateDeNaissance', 'date de naissance'],
		['openedAt', 'opened at'],
		['customerID', 'customer id'],
		['IDContact', 'id contact'],
		['EVENT_ID', 'event id'],
		['N° carte fidélité', 'n carte fidelite'],
		['Nº', 'no'],
		['Straße', 'strasse'],
		['address1', 'address 1'],
		['\uFEFFE-Mail', 'e mail'],
		['  Tél. client ', 'tel client'],
		['🎉 Prénom "x"', 'prenom x']
	])('%s -> %s', (header, expected) => {
		expect(normaliseHeader(header)).toBe(expected);
	});
});

describe('header names in profile sources', () => {
	it.each(PROFILE_HEADERS)('%s -> %s', (header, role) => {
		expect(matchHeader(header, 'profile')?.role ?? 'custom').toBe(role);
	});
});

describe('header names in event sources', () => {
	it.each(EVENT_HEADERS)('%s -> %s', (header, role) => {
		expect(matchHeader(header, 'event')?.role ?? 'custom').toBe(role);
	});
});

describe('header reasons and ambiguities', () => {
	it('names the known name and the role', () => {
		expect(matchHeader('Code postal', 'profile')).toMatchObject({
			role: 'postcode',
			via: 'name',
			reason: "header 'Code postal' is a known name for Postcode"
		});
	});

	it('says why a customer id in an event source is a record key', () => {
		const guess = matchHeader('customer_id', 'event');
		expect(guess?.reason).toMatch(/customer's record key in the profile source/);
	});

	it('keeps an event role out of a profile source, with the reason', () => {
		const guess = matchHeader('Magasin', 'profile');
		expect(guess?.role).toBe('custom');
		expect(guess?.reason).toMatch(/Store, a role only event sources have/);
	});

	it('reads a bare id as the key of a profile but the own id of an event', () => {
		expect(matchHeader('id', 'profile')?.role).toBe('record_key');
		expect(matchHeader('id', 'event')?.role).toBe('custom');
	});

	it('finds word rules with a lower confidence than known names', () => {
		const rule = matchHeader('Geburtsdatum des Kunden', 'profile');
		expect(rule).toMatchObject({ role: 'birth_date', via: 'words' });
		expect(rule?.confidence ?? 1).toBeLessThan(matchHeader('dob', 'profile')?.confidence ?? 0);
	});

	it('suggests nothing for empty or unknown headers', () => {
		expect(matchHeader('', 'profile')).toBeNull();
		expect(matchHeader('***', 'event')).toBeNull();
		expect(matchHeader('column3', 'event')).toBeNull();
		expect(matchHeader('contact', 'event')).toBeNull();
	});

	it('has no known name listed twice for the same kind with different roles', () => {
		for (const kind of SOURCE_KINDS) {
			const seen = new Map<string, RoleId>();
			const clashes: string[] = [];
			for (const { name, role } of knownHeaderNames(kind)) {
				const key = compactHeader(name);
				const before = seen.get(key);
				if (before && before !== role) clashes.push(`${kind}: ${name} (${before} / ${role})`);
				seen.set(key, before ?? role);
			}
			expect(clashes).toEqual([]);
		}
	});
});
