// One lazy chunk: the namespaces every page of both apps uses, in this language
// (the workshop's own namespaces are in fr.workshop.ts; server* namespaces are for
// pages the Go server renders: never shipped to browsers).
export default import.meta.glob(
  ['../messages/fr/*.json', '!../messages/fr/admin*.json', '!../messages/fr/server*.json', '!../messages/fr/{attLoop,comments,polls,helpers}.json'],
  { eager: true, import: 'default' },
);
