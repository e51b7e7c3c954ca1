// What the simulated retailer sells and how its systems label things: product categories,
// payment methods, web pages and campaigns, ticket subjects and newsletter themes. The tricky
// point: each system names things in its own language and style (the e-shop in English
// snake_case, the tills and the help desk in French), as in a real company.
import { commaList } from './list';

export const ORDER_CATEGORIES = commaList(
	'women, men, kids, shoes, accessories, home, beauty, sport'
);

export const ORDER_PAYMENT_METHODS: readonly (readonly [string, number])[] = [
	['card', 0.62],
	['paypal', 0.22],
	['apple_pay', 0.1],
	['gift_card', 0.06]
];

export const TILL_PAYMENT_METHODS: readonly (readonly [string, number])[] = [
	['CB', 0.48],
	['CB sans contact', 0.34],
	['Espèces', 0.12],
	['Chèque', 0.02],
	['Carte cadeau', 0.04]
];

export const LANDING_PAGES = commaList(`
	/, /femme, /homme, /enfant, /nouveautes, /soldes, /maison, /chaussures, /accessoires,
	/femme/robes, /homme/chemises, /mon-compte, /panier, /magasins, /recherche?q=jean`);

/** Web traffic sources as the analytics tool labels them, with their shares. */
export const WEB_CAMPAIGNS: readonly (readonly [string | null, number])[] = [
	[null, 0.34],
	['google / organic', 0.24],
	['google / cpc', 0.14],
	['newsletter / email', 0.1],
	['facebook / paid_social', 0.07],
	['instagram / social', 0.06],
	['affiliation / awin', 0.05]
];

export const TICKET_SUBJECTS = commaList(`
	Retard de livraison, Article défectueux, Demande de remboursement, Échange de taille,
	Problème de carte fidélité, Modifier mon adresse, Question sur ma commande, Colis endommagé,
	Réclamation magasin, Code promo refusé, Désinscription newsletter, Facture introuvable`);

/** The newsletter's theme for each calendar month, January first. */
export const NEWSLETTER_THEMES = commaList(`
	Soldes d'hiver, Saint-Valentin, Collection printemps, Pâques, Fête des mères, Soldes d'été,
	Vacances, Rentrée, Nouvelle collection automne, Halloween, Black Friday, Noël`);
