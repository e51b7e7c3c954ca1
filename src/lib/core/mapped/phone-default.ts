// The default country of phone numbers written without an international prefix. A module of its
// own so that the page (settings) can read it without bundling libphonenumber-js's metadata.
import type { CountryCode } from 'libphonenumber-js/min';

export const DEFAULT_PHONE_COUNTRY: CountryCode = 'FR';
