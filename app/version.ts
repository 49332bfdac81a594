/** The kiosk page's own version (package.json at build time; 'dev' in tests and the dev server). */
export const APP_VERSION: string = (import.meta.env.VITE_APP_VERSION as string | undefined) ?? 'dev';
