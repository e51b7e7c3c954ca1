// Given names and family names of the simulated customers, most common first (the draw favours
// the head of each list). Mostly French, with the neighbours and immigrant families a French
// retailer really has. The tricky point: every character must exist in Windows-1252/Latin-1,
// because the store receipts file is exported in that encoding (so no œ, ł or ş here).
import { commaList } from './list';

export const FEMALE_FIRST_NAMES = commaList(`
	Marie, Nathalie, Isabelle, Sylvie, Catherine, Sophie, Céline, Julie, Sandrine, Christine,
	Valérie, Stéphanie, Camille, Léa, Manon, Chloé, Emma, Françoise, Hélène, Anne, Claire, Aurélie,
	Émilie, Élodie, Laura, Sarah, Inès, Pauline, Mélanie, Audrey, Virginie, Lucie, Océane, Zoé,
	Jeanne, Louise, Agnès, Brigitte, Monique, Chantal, Martine, Josiane, Maëlle, Anaïs, Noémie,
	Gaëlle, Joëlle, Bérénice, Léonie, Fatima, Leïla, Yasmine, Amina, Lucía, Núria, Ana, María José,
	Ingrid, Birgit, Giulia, Francesca, Marie-Claire, Anne-Sophie, Åsa`);

export const MALE_FIRST_NAMES = commaList(`
	Jean, Pierre, Michel, Philippe, Nicolas, Alain, Christophe, Patrick, Laurent, Stéphane,
	Frédéric, Éric, David, Julien, Sébastien, Thomas, Antoine, Maxime, Hugo, Lucas, Louis, Gabriel,
	Arthur, Léo, Raphaël, Théo, François, Olivier, Thierry, Guillaume, Jérôme, Benoît, Cédric,
	Mickaël, Rémi, Noël, Joël, Loïc, Gaël, Yannick, Jean-Pierre, Jean-Marc, Jean-François, Mohamed,
	Karim, Mehdi, Youssef, Ahmed, José, Jesús, Andrés, Jürgen, Klaus, Sören, Marco, Luca, João,
	Björn, Dominique, Claude`);

export const LAST_NAMES = commaList(`
	Martin, Bernard, Dubois, Thomas, Robert, Richard, Petit, Durand, Leroy, Moreau, Simon, Laurent,
	Lefèvre, Michel, Garcia, David, Bertrand, Roux, Vincent, Fournier, Morel, Girard, André,
	Lefebvre, Mercier, Dupont, Lambert, Bonnet, François, Martínez, Legrand, Garnier, Faure,
	Rousseau, Blanc, Guérin, Muller, Henry, Roussel, Nicolas, Perrin, Morin, Mathieu, Clément,
	Gauthier, Dumont, Lopez, Fontaine, Chevalier, Robin, Masson, Sánchez, Gérard, Nguyen, Boyer,
	Denis, Lemaire, Duval, Joly, Gautier, Roger, Roche, Roy, Noël, Meyer, Lucas, Meunier, Jean,
	Perez, Marchand, Dufour, Blanchard, Marie, Barbier, Brun, Dumas, Brunet, Schmitt, Leroux, Colin,
	Fernández, Pierre, Renard, Arnaud, Rolland, Caron, Aubert, Giraud, Leclerc, Vidal, Bourgeois,
	Renaud, Lemoine, Picard, Gaillard, Philippe, Leclercq, Lacroix, Fabre, Dupuis, Olivier,
	Rodríguez, Da Silva, Hubert, Louis, Charles, Guillot, Rivière, Le Gall, Guillaume, Adam, Rey,
	Moulin, Gonçalves, Ménard, Fleury, Berger, Carpentier, Benoît, Carré, Étienne, Le Roux, Prévost,
	Lévêque, Lemaître, Barthélemy, Bénard, Maréchal, Hervé, Léger, Müller, Núñez, Schneider, Weber,
	Klein, Hoarau, Payet, Grondin, Diallo, N'Diaye, D'Almeida, Benali, Haddad, Öztürk, Ferreira,
	Dos Santos, Rossi, Jørgensen, Le Goff, Delaunay, Pasquier, Chassé`);
