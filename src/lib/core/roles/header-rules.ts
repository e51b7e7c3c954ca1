// Word rules for headers that are not known names: 'Geburtsdatum Kunde', 'postcode_fake',
// 'User Email', 'openedAt'. A rule fires when the header has a word from each of its groups and
// none of its veto words. The tricky point is the order: the first rule that fires wins, so the
// specific comes before the general — consent before e-mail ('Optin email'), birth and creation
// dates before any date, house number before street ('street_number'), store/product/campaign
// before the name rules ('Nom magasin'), and the bare-id rule last ('EVENT_ID' is not a type).
import type { RoleId, SourceKind } from './vocabulary';

export interface TokenRule {
	role: RoleId;
	/** Groups of alternatives (space-separated); 'geburt*' matches any word starting with 'geburt'. */
	all: readonly string[];
	/** Words that stop the rule. */
	none?: string;
	kind?: SourceKind;
	/** Default 0.75. */
	confidence?: number;
	/** Added to the reason. */
	note?: string;
}

export const DEFAULT_RULE_CONFIDENCE = 0.75;

const ID_WORDS =
	'id ids key uid uuid guid no nr n num number numero nummer ref reference code identifier';
const DATE_WORDS = 'date time timestamp datetime datum fecha horodatage zeitstempel heure at';
const GENERIC_ID_WORDS = 'id ids key uid uuid guid identifier identifiant';

// prettier-ignore
export const TOKEN_RULES: readonly TokenRule[] = [
	{ role: 'custom', all: ['duration* duree dauer pageview* page device* landing subject sujet objet comment* note* payment* paiement reglement zahlung* pago browser navigateur ip useragent url referrer'],
		none: 'amount montant betrag total', confidence: 0.7, note: 'a column without a role' },
	{ role: 'custom', all: ['closed closing ended end finished resolved cloture fin geschlossen', DATE_WORDS],
		confidence: 0.7, note: 'an end time, not when something happened' },
	{ role: 'sms_optin', kind: 'profile', all: ['sms text texto', 'optin* opt consent* accord einwillig* permission* subscri* abonn* marketing accept*'] },
	{ role: 'email_optin', kind: 'profile', all: ['optin* consent* consentement einwillig* consentimiento newsletter* subscribed subscription abonne* inscrit'] },
	{ role: 'email_optin', kind: 'profile', all: ['accept* permission*', 'marketing email mail newsletter communication* werbung'] },
	{ role: 'birth_date', all: ['birth* dob naissance geburt* nacimiento born cumpleanos anniversaire'] },
	{ role: 'created_at', kind: 'profile', all: ['created creation create erstellt* erstellung* angelegt registered registration registr* signup inscription alta since depuis anmeld* enrol* joined'] },
	{ role: 'event_time', kind: 'event', all: ['created creation create erstellt* erstellung* angelegt registered registration registr* signup inscription'] },
	{ role: 'updated_at', kind: 'profile', all: ['updated update modified modification modif maj changed geandert aktualisiert actualizacion modificacion anderung'] },
	{ role: 'custom', kind: 'event', all: ['updated update modified modification modif maj changed geandert aktualisiert actualizacion modificacion anderung'],
		confidence: 0.7, note: 'a change time, not when the event happened' },
	{ role: 'event_time', kind: 'event', all: [`${DATE_WORDS} start started opened sent occurred clicked when`], none: ID_WORDS },
	{ role: 'created_at', kind: 'profile', all: ['date datum fecha timestamp datetime'], confidence: 0.45, note: 'a bare date in a profile source',
		none: 'last dernier derniere letzte ultima ultimo first premier premiere erste primera purchase achat order commande kauf compra visit' },
	{ role: 'email', all: ['email* mail mails courriel* correo mel mailadresse'] },
	{ role: 'mobile', all: ['mobile mobil* portable cell* handy* movil celular gsm natel'] },
	{ role: 'phone', all: ['phone* telephone* tel telefon* telefono* tlf fon landline fixe festnetz'] },
	{ role: 'loyalty_id', all: ['loyalty fidelite fidelity kundenkarte* treuekarte* bonuskarte* fidelidad clubcard membership'] },
	{ role: 'loyalty_id', all: ['card carte karte tarjeta cardnumber'], none: 'gift cadeau credit kredit payment paiement type', confidence: 0.6 },
	{ role: 'national_id', all: ['ssn socsec nir insee securite secu sozialversicherung* svnr dni nie nif nss passport passeport reisepass steuer* socialsecurity'] },
	{ role: 'national_id', all: ['national', 'id number no identity'] },
	{ role: 'company', all: ['company companies societe entreprise organisation organization firma firmen* unternehmen empresa compania employer raison'], confidence: 0.7 },
	{ role: 'house_number', all: ['hausnummer housenumber streetnumber hausnr hnr'] },
	{ role: 'house_number', all: ['house haus street rue voie calle', 'number no num nr numero nummer n'] },
	{ role: 'address_line2', all: ['address adresse addr direccion line ligne adress anschrift', '2 3 two ii second complement'] },
	{ role: 'address_line2', all: ['complement zusatz adresszusatz* batiment appartement apartment apt suite etage piso building lieudit'] },
	{ role: 'street', all: ['street* strasse* str rue voie calle address* adresse* addr anschrift direccion domicilio road avenue'],
		none: 'ip mac web url', confidence: 0.7 },
	{ role: 'postcode', all: ['postcode* postal zip* plz postleitzahl cp npa cap codepostal codigopostal postalcode'] },
	{ role: 'city', all: ['city cities town ville localite commune stadt ort wohnort ciudad localidad municipio poblacion suburb locality municipality'] },
	{ role: 'region', all: ['state region province provincia departement dept county bundesland canton prefecture comunidad'] },
	{ role: 'country', all: ['country countries pays land pais nation staat countrycode landercode'] },
	{ role: 'record_key', all: ['customer* client* kunde* cliente* contact member user account person buyer shopper cust party crm subscriber abonne', ID_WORDS] },
	{ role: 'record_key', all: ['kundennummer kundennr clientid customerid userid kundenid custid'] },
	{ role: 'order_id', all: ['order orders commande bestell* pedido transaction* receipt invoice facture rechnung* beleg* kassenbon bon basket cart panier achat purchase compra venta factura transaccion auftrag*', ID_WORDS] },
	{ role: 'order_id', all: ['bestellnummer rechnungsnummer belegnummer auftragsnummer bonnummer ordernumber orderid'] },
	{ role: 'order_id', all: ['ticket', 'n no numero num nr caisse'] },
	{ role: 'currency', all: ['currency currencies devise monnaie wahrung waehrung moneda divisa ccy curr'] },
	{ role: 'quantity', all: ['quantity quantities qty qte quantite menge anzahl cantidad units unidades pieces stuck stueck items articles nb count'] },
	{ role: 'quantity', all: ['number nombre num', 'of d de'], confidence: 0.6 },
	{ role: 'channel', all: ['channel* canal kanal vertriebskanal medium touchpoint platform plateforme plataforma'] },
	{ role: 'campaign', all: ['campaign* campagne* kampagne* campana mailing promotion promo utm newsletter*'] },
	{ role: 'amount', all: ['amount* montant* betrag* importe total* revenue sales price prix preis precio valor value valeur wert spend spent paid umsatz summe somme turnover monto subtotal ttc dollar* eur euro* usd gbp cost cout kosten coste'], confidence: 0.7 },
	{ role: 'store', all: ['store* shop magasin* boutique filiale geschaft geschaeft laden markt tienda sucursal branch outlet pdv pos'] },
	{ role: 'product', all: ['product* produit* sku item article artikel* produkt* producto articulo ean gtin libelle designation bezeichnung'] },
	{ role: 'category', all: ['category categories categorie kategorie categoria rayon famille familia department departamento warengruppe univers'],
		none: 'device customer client age price' },
	{ role: 'event_type', kind: 'event', all: ['type event events action activity status statut etat evenement ereignis* aktion tipo estado interaction kind'], none: ID_WORDS },
	{ role: 'first_name', all: ['first given fore christian', 'name nom names'] },
	{ role: 'first_name', all: ['prenom* vorname* firstname givenname forename fname'] },
	{ role: 'last_name', all: ['last family sur', 'name names'] },
	{ role: 'last_name', all: ['surname* nachname* familienname* apellido* lastname familyname lname zuname'] },
	{ role: 'full_name', all: ['full complete display complet completo vollstandiger', 'name nom nombre'] },
	{ role: 'full_name', all: ['customer client contact kunde cliente', 'name nom nombre'] },
	{ role: 'last_name', all: ['nom'], confidence: 0.6, note: "'nom' alone is the family name in French" },
	{ role: 'full_name', all: ['name names fullname kundenname recipient destinataire titulaire'], confidence: 0.65 },
	{ role: 'gender', all: ['gender sex sexe civilite civility salutation anrede geschlecht genero sexo tratamiento titre title civ'],
		none: 'job poste product produit page campaign' },
	{ role: 'record_key', kind: 'profile', all: [GENERIC_ID_WORDS], confidence: 0.6 },
	{ role: 'custom', kind: 'event', all: [GENERIC_ID_WORDS], confidence: 0.7, note: "the event's own id, not a customer reference" }
];
