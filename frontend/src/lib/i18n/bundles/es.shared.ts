// One lazy chunk: the namespaces every page of both apps uses, in this language
// (the workshop's own namespaces are in es.workshop.ts; server* namespaces are for
// pages the Go server renders: never shipped to browsers).
export default import.meta.glob(
  ['../messages/es/*.json', '!../messages/es/admin*.json', '!../messages/es/server*.json', '!../messages/es/{attLoop,comments,polls,helpers}.json'],
  { eager: true, import: 'default' },
);
