// Known header names, role by role, in English, French, German and Spanish, plus the odd names
// real exports use ('soc_sec_id', 'suburb', 'N° ticket'). Written as people type them; the
// matcher normalises both sides, so 'Code postal', 'code_postal' and 'CodePostal' are one entry.
// The tricky point: some names mean different things by source kind (a bare 'date' is the event
// time in an event source but only a vague creation date in a profile source; a bare 'id' is the
// record key of a profile but the event's own id in an event source), so an entry may be
// limited to one kind and the same name may appear once per kind.
import type { RoleId, SourceKind } from './vocabulary';

export interface HeaderNames {
	role: RoleId;
	/** Comma-separated names as they appear in files. */
	names: string;
	/** How sure the name alone makes us (default 0.9). */
	confidence?: number;
	/** Only for sources of this kind. */
	kind?: SourceKind;
	/** Added to the reason, for names whose meaning is not obvious. */
	note?: string;
}

export const DEFAULT_NAME_CONFIDENCE = 0.9;

// prettier-ignore
export const HEADER_NAMES: readonly HeaderNames[] = [
	// Customer ids mean the same in both kinds: in an event source they are the customer reference.
	{ role: 'record_key', names: `customer id, customer number, customer no, customer key, customer ref, customer code,
		cust id, client id, id client, identifiant client, numero client, n client, no client, num client, code client,
		ref client, reference client, id contact, contact id, member id, member number, account id, user id, person id,
		party id, buyer id, shopper id, crm id, master id, kundennummer, kunden nr, kundennr, kunden id, kunde id,
		id cliente, numero de cliente, numero cliente, codigo cliente, codigo de cliente, cliente id` },
	{ role: 'record_key', kind: 'profile', confidence: 0.85,
		names: 'id, rec id, record id, unique id, uid, uuid, guid, key, row id, identifier, identifiant, kennung, registro' },
	{ role: 'custom', kind: 'event', confidence: 0.7, note: "the event's own id, not a customer reference",
		names: 'id, rec id, record id, unique id, uid, uuid, guid, key, row id, identifier, identifiant, event id' },
	{ role: 'email', names: `email, e-mail, courriel, adresse email, adresse e-mail, adresse mail, adresse electronique,
		email address, e-mail address, mail address, emailadresse, e-mail-adresse, mailadresse, correo, correo electronico,
		direccion de correo, mel` },
	{ role: 'email', names: 'mail', confidence: 0.85 },
	{ role: 'phone', names: `phone, telephone, tel, tél., phone number, telephone number, numero de telephone, num tel,
		no tel, n tel, telefon, telefonnummer, telefono, numero de telefono, landline, fixe, telephone fixe, tel fixe,
		festnetz, home phone, work phone, tel domicile, telefono fijo, contact number, contact no, contact phone` },
	{ role: 'mobile', names: `mobile, mobile phone, mobile number, cell, cell phone, cellphone, portable, tel portable,
		telephone portable, mobil, mobiltelefon, mobilnummer, handy, handynummer, movil, móvil, telefono movil, celular, gsm, natel` },
	{ role: 'loyalty_id', names: `loyalty card, loyalty id, loyalty number, loyalty card number, card number, carte fidelite,
		carte de fidelite, n carte fidelite, numero carte fidelite, no carte fidelite, numero de carte, carte, fidelite,
		kundenkarte, kundenkartennummer, treuekarte, bonuskarte, payback, tarjeta fidelidad, tarjeta de fidelidad,
		numero de tarjeta, member card, membership number, club card, clubcard` },
	{ role: 'national_id', names: `national id, ssn, social security number, soc sec id, nir, numero de securite sociale,
		numero secu, insee, sozialversicherungsnummer, svnr, steuer id, steuernummer, dni, nie, nif, nss,
		numero de seguridad social, passport, passport number, id card number, carte d'identite, cni` },
	{ role: 'first_name', names: `first name, firstname, given name, forename, fname, prenom, prénom, vorname, nombre,
		nombre de pila, primer nombre, first` },
	{ role: 'last_name', names: `last name, lastname, surname, family name, lname, nom, nom de famille, nom famille,
		nom de naissance, nom d'usage, nachname, familienname, zuname, apellido, apellidos, primer apellido` },
	{ role: 'full_name', names: `full name, fullname, display name, customer name, client name, nom complet, nom client,
		nom du client, nom et prenom, nom prenom, prenom nom, vollstandiger name, kundenname, nombre completo,
		nombre y apellidos, nombre del cliente, nombre cliente, contact name, nom contact, recipient, destinataire, titulaire` },
	{ role: 'full_name', names: 'name, names', confidence: 0.7 },
	{ role: 'birth_date', names: `birth date, birthdate, date of birth, dob, d.o.b., birthday, born, date de naissance,
		date naissance, naissance, ddn, né le, geburtsdatum, geburtstag, geb datum, geboren, fecha de nacimiento,
		fecha nacimiento, nacimiento, cumpleanos` },
	{ role: 'gender', names: `gender, sex, sexe, civilite, civility, title, salutation, honorific, anrede, geschlecht,
		genero, sexo, tratamiento, titre, civ` },
	{ role: 'street', names: `street, street address, address, address 1, address line 1, addr, addr 1, adresse, adresse 1,
		adresse postale, rue, voie, ligne adresse 1, adresse ligne 1, strasse, straße, str, anschrift, calle, direccion,
		domicilio, street name, nom de rue, libelle voie` },
	{ role: 'house_number', names: `house number, house no, street number, street no, numero de rue, numero rue, n rue,
		numero voie, num voie, hausnummer, hausnr, hnr, numero de calle, numero calle` },
	{ role: 'address_line2', names: `address 2, address line 2, address line 3, addr 2, adresse 2, complement,
		complement adresse, complement d'adresse, adresse complement, ligne adresse 2, adresse ligne 2, batiment,
		appartement, apt, suite, lieu dit, adresszusatz, zusatz, address extra, direccion 2, piso` },
	{ role: 'postcode', names: `postcode, post code, postal code, zip, zip code, code postal, cp, c.p., cod postal,
		codigo postal, plz, postleitzahl, npa, cap, zip/postal code` },
	{ role: 'city', names: `city, town, ville, localite, commune, stadt, ort, wohnort, ciudad, localidad, municipio,
		poblacion, suburb, locality, city name, nom ville, town city` },
	{ role: 'region', names: `state, region, province, provincia, departement, dept, county, bundesland, canton,
		comunidad autonoma, state province, prefecture, state code` },
	{ role: 'country', names: 'country, pays, land, staat, pais, nation, country code, code pays, landercode, iso country' },
	{ role: 'company', names: `company, company name, societe, entreprise, raison sociale, organisation, organization,
		org, firma, firmenname, unternehmen, empresa, compania, employer, business name` },
	{ role: 'email_optin', names: `email optin, optin email, email opt in, optin, opt-in, newsletter, newsletter optin,
		newsletter subscription, subscribed, consent, consentement, consentement email, accepts marketing, email consent,
		marketing consent, email marketing, einwilligung, newsletter einwilligung, werbeeinwilligung, consentimiento,
		acepta comunicaciones, optin newsletter, abonne newsletter, inscrit newsletter, is subscribed, email subscribed`,
		kind: 'profile' },
	{ role: 'sms_optin', names: `sms optin, optin sms, sms opt in, sms consent, consentement sms, sms marketing,
		accepts sms, sms subscribed, sms einwilligung, consentimiento sms, text optin`, kind: 'profile' },
	{ role: 'created_at', kind: 'profile', names: `created at, created, creation date, date created, created on,
		date de creation, date creation, date d'inscription, date inscription, inscription, signup date, sign up date,
		registration date, registered, registered at, member since, client depuis, erstellt am, erstellungsdatum,
		angelegt am, anmeldedatum, registrierungsdatum, fecha de alta, fecha alta, fecha de registro, fecha creacion, alta` },
	{ role: 'created_at', kind: 'profile', confidence: 0.5, note: 'a bare date in a profile source',
		names: 'date, datum, fecha, timestamp, datetime, time' },
	{ role: 'updated_at', kind: 'profile', names: `updated at, updated, last updated, last modified, modified, modified at,
		date de modification, date modification, derniere modification, date maj, maj, geandert am, aktualisiert,
		letzte anderung, fecha de modificacion, fecha actualizacion, changed, last update` },
	{ role: 'event_time', kind: 'event', names: `event time, timestamp, time, datetime, date time, date heure, horodatage,
		event date, occurred at, happened at, order date, date commande, date de commande, date achat, date d'achat,
		purchase date, transaction date, transaction time, date transaction, date vente, sale date, bestelldatum,
		kaufdatum, datum, zeitstempel, fecha, fecha pedido, fecha de compra, sent at, opened at, clicked at,
		session start, start time, visit date, date, created at, created, creation date, date de creation, date creation` },
	{ role: 'event_type', kind: 'event', names: `event type, type, event, action, activity, activity type, status,
		statut, order status, etat, type evenement, type d'evenement, evenement, ereignis, ereignistyp, aktion, tipo,
		tipo de evento, estado, interaction, interaction type, event name` },
	{ role: 'order_id', names: `order id, order number, order no, ordernumber, order, order ref, order reference,
		transaction id, transaction, receipt, receipt number, receipt no, receipt id, invoice, invoice number, invoice id,
		invoice no, basket id, cart id, n ticket, no ticket, numero ticket, numero de ticket, num ticket, ticket de caisse,
		ticket caisse, n commande, no commande, numero commande, numero de commande, num commande, commande, id commande,
		ref commande, reference commande, facture, numero facture, n facture, bestellnummer, bestell nr, bestellung,
		auftragsnummer, rechnungsnummer, belegnummer, bon nr, kassenbon, bonnummer, numero de pedido, pedido, id pedido,
		numero pedido, n pedido, numero de factura, factura, transaccion, id transaccion` },
	{ role: 'amount', names: `amount, total amount, order total, order value, revenue, sales, sale amount, price, net amount,
		gross amount, amount paid, paid, spend, spent, turnover, montant, montant ttc, montant ht, montant total, total ttc,
		total ht, prix, ca, chiffre d'affaires, valeur, somme, betrag, gesamtbetrag, umsatz, summe, preis, bruttobetrag,
		nettobetrag, importe, importe total, total pedido, precio, monto, dollar value, sales amount, line total, subtotal` },
	{ role: 'amount', names: 'total, value, wert, valor', confidence: 0.8 },
	{ role: 'currency', names: 'currency, currency code, curr, ccy, devise, monnaie, wahrung, waehrung, moneda, divisa' },
	{ role: 'quantity', names: `quantity, qty, qte, qté, quantite, nb articles, nombre d'articles, nombre articles,
		nb produits, nb, items, item count, number of items, units, pieces, menge, anzahl, anzahl artikel, stuck,
		stueck, cantidad, unidades, num items` },
	{ role: 'channel', names: `channel, sales channel, canal, canal de vente, kanal, vertriebskanal, canal de venta, medium,
		utm medium, touchpoint, platform, plateforme` },
	{ role: 'store', names: `store, store name, store id, store code, shop, magasin, nom magasin, code magasin, boutique,
		point de vente, pdv, filiale, geschaft, laden, markt, tienda, sucursal, branch, outlet` },
	{ role: 'product', names: `product, product name, product id, sku, item, item name, article, produit, nom produit,
		libelle, libelle produit, designation, ref produit, reference produit, ean, gtin, artikel, artikelnummer,
		artikelname, produkt, bezeichnung, producto, articulo` },
	{ role: 'category', names: `category, product category, categorie, famille, famille produit, rayon, univers, department,
		kategorie, warengruppe, produktkategorie, categoria, familia, departamento` },
	{ role: 'campaign', names: `campaign, campaign name, campaign id, utm campaign, campagne, nom campagne, operation,
		kampagne, campana, newsletter name, mailing, promotion, source medium, source / medium, traffic source, utm source` },
	// Common columns that carry no role: named so token rules do not misread them.
	{ role: 'custom', confidence: 0.8, note: 'a column without a role',
		names: `payment method, payment, reglement, mode de reglement, mode de paiement, moyen de paiement, zahlungsart,
		metodo de pago, duration, duree, dauer, duracion, pageviews, page views, landing page, device, device category,
		subject, sujet, objet, comment, comments, commentaire, notes, heure, hour, hora, uhrzeit, time of day, browser,
		user agent, ip, ip address, url, referrer, closed at, ended at, end date, end time` }
];

/** Bare name headers that hold the last name when the same header also has a first-name column. */
export const BARE_NAME_HEADERS: readonly string[] = ['name', 'names'];
