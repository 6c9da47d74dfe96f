// One lazy chunk: the namespaces every page of both apps uses, in this language
// (the workshop's own namespaces are in ja.workshop.ts; server* namespaces are for
// pages the Go server renders: never shipped to browsers).
export default import.meta.glob(
  ['../messages/ja/*.json', '!../messages/ja/admin*.json', '!../messages/ja/server*.json', '!../messages/ja/{attLoop,comments,polls,helpers}.json'],
  { eager: true, import: 'default' },
);
