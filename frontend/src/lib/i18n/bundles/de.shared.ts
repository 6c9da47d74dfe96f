// One lazy chunk: the namespaces every page of both apps uses, in this language
// (the workshop's own namespaces are in de.workshop.ts; server* namespaces are for
// pages the Go server renders: never shipped to browsers).
export default import.meta.glob(
  ['../messages/de/*.json', '!../messages/de/admin*.json', '!../messages/de/server*.json', '!../messages/de/{attLoop,comments,polls,helpers}.json'],
  { eager: true, import: 'default' },
);
