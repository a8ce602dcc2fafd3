declare const __TWIN_VERSION__: string | undefined;

/** Replaced at build time; tests that import the source see the development marker. */
export const VERSION: string = typeof __TWIN_VERSION__ === 'string' ? __TWIN_VERSION__ : '0.0.0-dev';
