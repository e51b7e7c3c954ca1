// Store attributes by store code, for the sources that name a store (CRM, tills). The tricky
// point: the lookup is a list position in SQL, so the code column must hold a known code.
import { sql, type Sql } from '../../sql/sql';
import { pickWeighted, textList } from '../draw';
import { STORES, type Store } from '../vocabulary/places';

export const STORE_CODES: Sql = textList(STORES.map((store) => store.code));

/** The attribute `of` of the store whose code is in `code`. */
export function storeAttribute(of: (store: Store) => string, code: Sql = sql`store_code`): Sql {
	return sql`list_element(${textList(STORES.map(of))}, list_position(${STORE_CODES}, ${code}))`;
}

/** A store drawn by size, for a shopper away from their home store or a walk-in. */
export function anyStore(u: Sql): Sql {
	return pickWeighted(
		STORES.map((store) => [store.code, store.weight] as const),
		u
	);
}
