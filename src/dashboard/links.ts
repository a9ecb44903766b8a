/** Where a page's names link to: the server's pages, or nothing in a local report file. @module */

export interface Links {
  run?(id: string): string;
  benchmark?(instrument: string, uri: string): string;
}

export const NO_LINKS: Links = {};
