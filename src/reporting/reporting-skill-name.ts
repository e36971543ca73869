/** The reporting skill's name, the prefix of its buttons (reporting:optout, reporting:remind:…). */
export const REPORTING_SKILL = 'reporting';
