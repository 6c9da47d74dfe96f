// One lazy chunk: the namespaces every page of both apps uses, in this language
// (the workshop's own namespaces are in pt-BR.workshop.ts; server* namespaces are for
// pages the Go server renders: never shipped to browsers).
export default import.meta.glob(
  ['../messages/pt-BR/*.json', '!../messages/pt-BR/admin*.json', '!../messages/pt-BR/server*.json', '!../messages/pt-BR/{attLoop,comments,polls,helpers}.json'],
  { eager: true, import: 'default' },
);
