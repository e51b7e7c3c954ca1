// The role vocabulary's shape, the header signature and re-applying a saved mapping. Pure
// TypeScript: no engine needed.
import { describe, expect, it } from 'vitest';
import { applySavedMapping, headerSignature } from '../../src/lib/core/roles/saved-mapping';
import {
	EVENT_ROLE_IDS,
	IDENTITY_ROLE_IDS,
	ROLES,
	isRoleId,
	roleAppliesTo,
	roleDefinition,
	rolesFor
} from '../../src/lib/core/roles/vocabulary';

describe('role vocabulary', () => {
	it('holds every identity and event role once, plus custom and ignore', () => {
		const ids = ROLES.map((r) => r.id);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids).toEqual([...IDENTITY_ROLE_IDS, ...EVENT_ROLE_IDS, 'custom', 'ignore']);
		for (const role of ROLES) {
			expect(role.label).not.toBe('');
			expect(role.description).not.toBe('');
			expect(role.kinds.length).toBeGreaterThan(0);
		}
	});

	it.each([
		['email', true, 'contact', 'E-mail'],
		['phone', true, 'contact', 'Phone'],
		['mobile', true, 'contact', 'Mobile'],
		['first_name', false, 'name', 'First name'],
		['birth_date', false, 'identity', 'Birth date'],
		['postcode', false, 'address', 'Postcode'],
		['email_optin', false, 'consent', 'E-mail opt-in'],
		['created_at', false, 'dates', 'Created at'],
		['amount', false, 'event', 'Amount'],
		['custom', true, 'other', 'Custom attribute']
	] as const)('%s: several columns %s, group %s, label %s', (id, multiple, group, label) => {
		expect(roleDefinition(id)).toMatchObject({ multiple, group, label });
	});

	it('lets event sources refer to customers by any identity role except consent and dates', () => {
		const eventRoles = rolesFor('event').map((r) => r.id);
		expect(eventRoles).toContain('record_key');
		expect(eventRoles).toContain('loyalty_id');
		expect(eventRoles).toContain('email');
		expect(roleAppliesTo('email_optin', 'event')).toBe(false);
		expect(roleAppliesTo('amount', 'profile')).toBe(false);
		expect(isRoleId('amount')).toBe(true);
		expect(isRoleId('salary')).toBe(false);
	});
});

describe('header signature', () => {
	it('is the same for the same header spelled differently', () => {
		expect(headerSignature(['E-mail', 'Prénom', 'Code postal'])).toBe(
			headerSignature([{ name: 'EMAIL' }, { name: 'prenom' }, { name: 'code_postal' }])
		);
	});

	it('changes with the order, a new column or a renamed one', () => {
		const base = headerSignature(['a', 'b']);
		expect(headerSignature(['b', 'a'])).not.toBe(base);
		expect(headerSignature(['a', 'b', 'c'])).not.toBe(base);
		expect(headerSignature(['a', 'bb'])).not.toBe(base);
		expect(headerSignature(['a b'])).not.toBe(headerSignature(['a', 'b']));
	});
});

describe('applying a saved mapping', () => {
	const saved = {
		signature: headerSignature(['E-mail', 'Prénom', 'Fax', 'Note']),
		kind: 'profile' as const,
		columns: [
			{ column: 'E-mail', role: 'email' },
			{ column: 'Prénom', role: 'first_name' },
			{ column: 'Fax', role: 'phone' },
			{ column: 'Note', role: 'salary' }
		]
	};

	it('keeps the roles of columns that still exist, in the order of the new file', () => {
		const result = applySavedMapping(saved, ['prenom', 'E-mail', 'Ville', 'Note']);
		expect(result.map((s) => [s.column, s.role])).toEqual([
			['prenom', 'first_name'],
			['E-mail', 'email']
		]);
		expect(result[0]).toMatchObject({ confidence: 1, reasons: ['saved mapping for this header'] });
	});

	it('returns nothing for an empty header or an empty mapping', () => {
		expect(applySavedMapping(saved, [])).toEqual([]);
		expect(applySavedMapping({ ...saved, columns: [] }, ['E-mail'])).toEqual([]);
	});
});
