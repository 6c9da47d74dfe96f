// One lazy chunk: every namespace both apps use, in this language.
export default import.meta.glob(['../messages/pt-BR/*.json', '!../messages/pt-BR/admin*.json'], { eager: true, import: 'default' });
