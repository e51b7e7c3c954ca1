// The line icons of the segment library's actions, as SVG paths in a 24×24 box (see Icon.svelte).
export const ICONS = {
	rename: 'M4 20h4L19 9l-4-4L4 16v4Zm9-13 4 4',
	duplicate: 'M9 9h11v11H9zM5 15H4V4h11v1',
	download: 'M12 4v11m-4-4 4 4 4-4M5 20h14',
	sql: 'M9 8l-4 4 4 4m6-8 4 4-4 4',
	definition: 'M14 3H6v18h12V7l-4-4Zm0 0v4h4M10 12l-2 2 2 2m4-4 2 2-2 2',
	delete: 'M5 7h14M10 11v6m4-6v6M6 7l1 13h10l1-13M9 7V4h6v3',
	upload: 'M12 20V9m-4 4 4-4 4 4M5 4h14',
	up: 'M6 15l6-6 6 6',
	down: 'M6 9l6 6 6-6'
} as const;
