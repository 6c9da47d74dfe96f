// One lazy chunk: every namespace both apps use, in this language.
export default import.meta.glob(['../messages/zh-TW/*.json', '!../messages/zh-TW/admin*.json'], { eager: true, import: 'default' });
