/**
 * @module
 * A2UI v0.8 message checks without the browser: what the CLI runs before it sends anything
 * (`openclaw nodes canvas a2ui push`), importable without loading Chromium's driver.
 */
export { checkA2uiJsonl, checkA2uiMessages, A2UI_V08_KINDS, MAX_A2UI_MESSAGES, type A2uiMessage, type A2uiCheck, type A2uiProblem } from './a2ui-messages.js';
export { canvasCodedError, canvasErrorCodes } from './errors.js';
