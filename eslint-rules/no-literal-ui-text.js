/**
 * Every user-visible string goes through the message catalogs (src/i18n). This rule reports,
 * in components: JSX text containing a letter, and string literals containing a letter in the
 * attributes people read (title, aria-label, placeholder, alt, label, hint, and friends).
 * Kafka's own names may stay literal where they are the whole text: a dotted setting name
 * (`enable.idempotence`), an UPPER_CASE error code (NOT_ENOUGH_REPLICAS). Symbols (×, ▶, …)
 * are fine. Anything else: t('area.key').
 */
const READ_ATTRIBUTES = new Set([
  'title',
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'placeholder',
  'alt',
  'label',
  'hint',
  'text',
  'message',
  'description',
  'caption',
  'heading',
  'emptyText',
  'confirmText',
]);

const KAFKA_NAME = /^\s*([a-z][a-z0-9]*(\.[a-z0-9]+)+|[A-Z][A-Z0-9]*(_[A-Z0-9]+)+)\s*$/;
const LETTER = /\p{L}/u;

function readable(text) {
  return LETTER.test(text) && !KAFKA_NAME.test(text);
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'User-visible text must come from the message catalogs (t(...)).' },
    schema: [],
    messages: {
      text: 'Literal UI text "{{text}}": put it in a message catalog (src/i18n/messages) and use t().',
    },
  },
  create(context) {
    const report = (node, text) =>
      context.report({ node, messageId: 'text', data: { text: text.trim().slice(0, 40) } });
    /** A literal, or a literal reached through ?:, && and || (the usual ways text is chosen). */
    const checkExpression = (e) => {
      if (!e) return;
      if (e.type === 'Literal' && typeof e.value === 'string' && readable(e.value))
        report(e, e.value);
      else if (e.type === 'TemplateLiteral') {
        const q = e.quasis.find((x) => readable(x.value.cooked ?? ''));
        if (q) report(e, q.value.cooked ?? '');
      } else if (e.type === 'ConditionalExpression') {
        checkExpression(e.consequent);
        checkExpression(e.alternate);
      } else if (e.type === 'LogicalExpression') {
        checkExpression(e.left);
        checkExpression(e.right);
      }
    };
    return {
      JSXText(node) {
        if (readable(node.value)) report(node, node.value);
      },
      JSXAttribute(node) {
        const name = typeof node.name.name === 'string' ? node.name.name : '';
        if (!READ_ATTRIBUTES.has(name) || !node.value) return;
        const v = node.value;
        if (v.type === 'Literal' && typeof v.value === 'string' && readable(v.value))
          report(v, v.value);
        if (v.type === 'JSXExpressionContainer') checkExpression(v.expression);
      },
      // Text put straight into JSX children: {'Play'}, {ok ? 'Yes' : `${n} problems`}
      JSXExpressionContainer(node) {
        const p = node.parent?.type;
        if (p === 'JSXElement' || p === 'JSXFragment') checkExpression(node.expression);
      },
    };
  },
};
