// Where the simulated customers live and shop: localities (city, postcode, weight, telephone
// region, nearest store), street names, e-mail domains and the retailer's stores. The tricky
// point: several postcodes start with 0 (Nice 06000, Bourg-en-Bresse 01000), which is exactly
// what spreadsheets strip, so they are kept on purpose.
import { commaList } from './list';

export interface Locality {
	city: string;
	postcode: string;
	/** Share of the customers living there (relative). */
	weight: number;
	/** First digit of a French landline there (1 Paris region … 5 south-west). */
	region: number;
	/** Index (0-based) into STORES of the store nearest to it. */
	store: number;
}

export interface Store {
	code: string;
	name: string;
	/** The store's own number as cashiers type it into the till. */
	phone: string;
	/** Its share of the receipts of shoppers from elsewhere (relative). */
	weight: number;
}

export const STORES: readonly Store[] = [
	{ code: 'M01', name: 'Paris Rivoli', phone: '01 42 60 11 20', weight: 3 },
	{ code: 'M02', name: 'Lyon Part-Dieu', phone: '04 78 62 31 00', weight: 2 },
	{ code: 'M03', name: 'Marseille Terrasses du Port', phone: '04 91 90 44 12', weight: 2 },
	{ code: 'M04', name: 'Toulouse Capitole', phone: '05 61 21 08 50', weight: 1 },
	{ code: 'M05', name: 'Bordeaux Sainte-Catherine', phone: '05 56 44 23 17', weight: 1 },
	{ code: 'M06', name: 'Lille Euralille', phone: '03 20 55 48 90', weight: 1 },
	{ code: 'M07', name: 'Nantes Atlantis', phone: '02 40 92 10 33', weight: 1 },
	{ code: 'M08', name: 'Strasbourg Kléber', phone: '03 88 32 64 71', weight: 1 },
	{ code: 'M09', name: 'Nice Masséna', phone: '04 93 87 15 26', weight: 1 },
	{ code: 'M10', name: 'Besançon Centre', phone: '03 81 81 42 05', weight: 1 },
	{ code: 'M11', name: "Orléans Place d'Arc", phone: '02 38 53 77 64', weight: 1 },
	{ code: 'M12', name: 'Rennes Colombia', phone: '02 99 30 18 42', weight: 1 }
];

const PARIS = Array.from({ length: 20 }, (_, i): Locality => ({
	city: 'Paris',
	postcode: `750${String(i + 1).padStart(2, '0')}`,
	weight: 1.1,
	region: 1,
	store: 0
}));
const LYON = Array.from({ length: 9 }, (_, i): Locality => ({
	city: 'Lyon',
	postcode: `6900${i + 1}`,
	weight: 0.6,
	region: 4,
	store: 1
}));
const MARSEILLE = Array.from({ length: 16 }, (_, i): Locality => ({
	city: 'Marseille',
	postcode: `130${String(i + 1).padStart(2, '0')}`,
	weight: 0.55,
	region: 4,
	store: 2
}));

// [city, postcode, weight, region, store]
const TOWNS: readonly (readonly [string, string, number, number, number])[] = [
	['Toulouse', '31000', 5, 5, 3],
	['Nice', '06000', 4, 4, 8],
	['Nantes', '44000', 4, 2, 6],
	['Montpellier', '34000', 3.5, 4, 2],
	['Strasbourg', '67000', 3.5, 3, 7],
	['Bordeaux', '33000', 3.5, 5, 4],
	['Lille', '59000', 3.5, 3, 5],
	['Rennes', '35000', 3, 2, 11],
	['Reims', '51100', 2, 3, 5],
	['Saint-Étienne', '42000', 2, 4, 1],
	['Toulon', '83000', 2, 4, 2],
	['Le Havre', '76600', 2, 2, 0],
	['Grenoble', '38000', 2, 4, 1],
	['Dijon', '21000', 2, 3, 9],
	['Angers', '49000', 2, 2, 6],
	['Nîmes', '30000', 2, 4, 2],
	['Villeurbanne', '69100', 2, 4, 1],
	['Clermont-Ferrand', '63000', 2, 4, 1],
	['Le Mans', '72000', 1.5, 2, 10],
	['Aix-en-Provence', '13090', 1.5, 4, 2],
	['Brest', '29200', 1.5, 2, 11],
	['Tours', '37000', 1.5, 2, 10],
	['Amiens', '80000', 1.5, 3, 5],
	['Limoges', '87000', 1.5, 5, 4],
	['Annecy', '74000', 1.5, 4, 1],
	['Perpignan', '66000', 1.5, 4, 3],
	['Besançon', '25000', 2.5, 3, 9],
	['Metz', '57000', 1.5, 3, 7],
	['Orléans', '45000', 2.5, 2, 10],
	['Rouen', '76000', 1.5, 2, 0],
	['Mulhouse', '68100', 1.5, 3, 7],
	['Caen', '14000', 1.5, 2, 11],
	['Nancy', '54000', 1.5, 3, 7],
	['Argenteuil', '95100', 1.5, 1, 0],
	['Montreuil', '93100', 1.5, 1, 0],
	['Saint-Denis', '93200', 1.5, 1, 0],
	['Versailles', '78000', 1.5, 1, 0],
	['Créteil', '94000', 1, 1, 0],
	['Nanterre', '92000', 1, 1, 0],
	['Boulogne-Billancourt', '92100', 1.5, 1, 0],
	['Évry-Courcouronnes', '91000', 1, 1, 0],
	['Avignon', '84000', 1, 4, 2],
	['Poitiers', '86000', 1, 5, 4],
	['Pau', '64000', 1, 5, 3],
	['La Rochelle', '17000', 1, 5, 4],
	['Béziers', '34500', 1, 4, 2],
	['Chambéry', '73000', 1, 4, 1],
	['Colmar', '68000', 0.8, 3, 7],
	['Cannes', '06400', 1, 4, 8],
	['Antibes', '06600', 1, 4, 8],
	['Bourg-en-Bresse', '01000', 0.8, 4, 1],
	['Laon', '02000', 0.5, 3, 5],
	['Gap', '05000', 0.5, 4, 2],
	['Ajaccio', '20000', 0.7, 4, 8],
	['Épinal', '88000', 0.6, 3, 7],
	['Sète', '34200', 0.6, 4, 2],
	['Montbéliard', '25200', 0.7, 3, 9],
	['Pontarlier', '25300', 0.5, 3, 9],
	['Blois', '41000', 0.7, 2, 10],
	['Châteauroux', '36000', 0.6, 2, 10],
	['Saint-Malo', '35400', 0.7, 2, 11],
	['Quimper', '29000', 0.7, 2, 11]
];

export const LOCALITIES: readonly Locality[] = [
	...PARIS,
	...LYON,
	...MARSEILLE,
	...TOWNS.map(([city, postcode, weight, region, store]) => ({
		city,
		postcode,
		weight,
		region,
		store
	}))
];

export const STREETS = commaList(`
	rue de la République, avenue Jean Jaurès, boulevard Victor Hugo, rue Pasteur, place de la Mairie,
	rue du Général Leclerc, chemin des Vignes, allée des Tilleuls, rue de l'Église, impasse des Lilas,
	rue Émile Zola, avenue de la Gare, rue Nationale, rue des Écoles, rue du Moulin, route de Lyon,
	rue Gambetta, quai de la Loire, rue Saint-Michel, avenue Foch, rue Voltaire, rue de Verdun,
	rue du Château, place du Marché, rue des Prés, rue Jules Ferry, rue de Bretagne, rue Lafayette,
	rue de la Paix, boulevard de Strasbourg, rue des Forges, cours Mirabeau`);

/** Personal e-mail domains and their relative shares among French consumers. */
export const EMAIL_DOMAINS: readonly (readonly [string, number])[] = [
	['gmail.com', 31],
	['orange.fr', 13],
	['hotmail.fr', 10],
	['free.fr', 8],
	['yahoo.fr', 7],
	['outlook.fr', 6],
	['sfr.fr', 5],
	['laposte.net', 5],
	['wanadoo.fr', 4],
	['icloud.com', 4],
	['hotmail.com', 3],
	['gmx.fr', 2],
	['live.fr', 2]
];

/** Addresses typed into forms when the customer would not give one. */
export const JUNK_EMAILS = commaList(
	'test@test.com, noemail@, pas.de.mail@nomail.fr, aucun@aucun.fr, xx@xx.xx, a@a.fr'
);
