// One lazy chunk: the namespaces every page of both apps uses, in this language
// (the workshop's own namespaces are in ar.workshop.ts; server* namespaces are for
// pages the Go server renders: never shipped to browsers).
export default import.meta.glob(
  ['../messages/ar/*.json', '!../messages/ar/admin*.json', '!../messages/ar/server*.json', '!../messages/ar/{attLoop,comments,polls,helpers}.json'],
  { eager: true, import: 'default' },
);
