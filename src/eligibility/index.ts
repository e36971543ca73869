export { createEligibilitySkill, type EligibilitySkillOptions } from './eligibility-skill.ts';
export { loadEligibilityScript, EligibilityScriptError, type EligibilityScript } from './eligibility-script.ts';
