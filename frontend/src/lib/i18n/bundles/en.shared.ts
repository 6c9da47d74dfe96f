// One lazy chunk: the namespaces every page of both apps uses, in this language
// (the workshop's own namespaces are in en.workshop.ts; server* namespaces are for
// pages the Go server renders: never shipped to browsers).
export default import.meta.glob(
  ['../messages/en/*.json', '!../messages/en/admin*.json', '!../messages/en/server*.json', '!../messages/en/{attLoop,comments,polls,helpers}.json'],
  { eager: true, import: 'default' },
);
