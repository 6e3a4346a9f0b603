/**
 * @module
 * @openclaw-nodes/desktop-host: the desktop node host (`openclaw node run --desktop`).
 */
export { startDesktopRuntime, DESKTOP_BUILTINS, DESKTOP_DEFAULTS, type DesktopRuntimeOptions } from './desktop-runtime.js';
