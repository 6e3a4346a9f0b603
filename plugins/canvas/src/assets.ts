// `src/` and `dist/` sit side by side under the package root, next to `assets/`.
const ASSETS = new URL('../assets/', import.meta.url);

/** The page a canvas shows before anything was presented. */
export function scaffoldPageUrl(): string {
  return new URL('canvas/index.html', ASSETS).href;
}

/**
 * The A2UI renderer page. Nodes tell the page their platform, as the gateway-hosted
 * renderer expects (`?platform=macos|ios|android`).
 */
export function a2uiPageUrl(platform: string): string {
  const url = new URL('a2ui/index.html', ASSETS);
  url.searchParams.set('platform', platform);
  return url.href;
}
