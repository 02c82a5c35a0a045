/**
 * Stands for the page in the error messages that the `figures` collection's
 * loader stores (src/content.config.ts); the component that uses the figure
 * puts its own page there (src/components/figures.ts).
 */
export const PAGE = '{page}';
