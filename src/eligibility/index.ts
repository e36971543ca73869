export { createEligibilitySkill, type EligibilitySkillOptions } from './eligibility-skill.ts';
export { loadEligibilityScript, loadEligibilityScripts, EligibilityScriptError, type EligibilityScript } from './eligibility-script.ts';
