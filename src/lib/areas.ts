// The workbench's areas, in the order of the work: each has a route, a label for navigation
// and a one-line job description used by its empty state.

export type AreaPath =
	'/sources' | '/quality' | '/identity' | '/customers' | '/indicators' | '/segments';

export interface Area {
	href: AreaPath;
	label: string;
	/** An SVG path drawn in a 24×24 box. */
	icon: string;
	summary: string;
}

export const AREAS: readonly Area[] = [
	{
		href: '/sources',
		label: 'Sources',
		icon: 'M4 6c0-1.7 3.6-3 8-3s8 1.3 8 3-3.6 3-8 3-8-1.3-8-3Zm0 0v6c0 1.7 3.6 3 8 3s8-1.3 8-3V6m-16 6v6c0 1.7 3.6 3 8 3s8-1.3 8-3v-6',
		summary: 'The exports you brought: CRM, e-shop, stores, web, service, e-mail.'
	},
	{
		href: '/quality',
		label: 'Quality',
		icon: 'M12 3l7 3v5c0 4.5-3 8.3-7 10-4-1.7-7-5.5-7-10V6l7-3Zm-3 9 2 2 4-4',
		summary: 'Contactability, validity and duplicate rates within and between sources.'
	},
	{
		href: '/identity',
		label: 'Identity',
		icon: 'M9 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7Zm-6 9c0-3.3 2.7-6 6-6s6 2.7 6 6m1-9.5a3 3 0 1 0 0-6m2 15.5c0-2.6-1.3-4.8-3.2-5.6',
		summary: 'Records unified into deduplicated customers, with the reason for every merge.'
	},
	{
		href: '/customers',
		label: 'Customers',
		icon: 'M4 5h16M4 10h16M4 15h16M4 20h10',
		summary: 'Every customer with purchases, visits, contacts and e-mails on one timeline.'
	},
	{
		href: '/indicators',
		label: 'Indicators',
		icon: 'M4 20V10m6 10V4m6 16v-7m6 7H2',
		summary: 'RFM, churn, lifetime value, propensity and lifecycle stages.'
	},
	{
		href: '/segments',
		label: 'Segments',
		icon: 'M12 3a9 9 0 1 0 9 9h-9V3Zm3 0v6h6a9 9 0 0 0-6-6Z',
		summary: 'Audiences built from rules, with live counts, overlaps and exports.'
	}
];
