// A field for the passphrase or, when the person says so, the recovery code.
import { el, field } from '../dom.js';

/**
 * `label` names what the secret opens. Returns { nodes, input, value(), clear() }, where
 * value() is { value, isCode }. `optional` adds a hint that it may be left empty.
 */
export function secretField(label, { name, autocomplete = 'current-password', optional = false } = {}) {
  const input = el('input', { name, type: 'password', autocomplete, spellcheck: 'false', autocapitalize: 'off' });
  const isCode = el('input', { type: 'checkbox', name: `${name}-is-code` });
  isCode.addEventListener('change', () => {
    input.type = isCode.checked ? 'text' : 'password';
  });
  const nodes = [
    ...field(label, input),
    optional ? el('p', { class: 'field-note', text: 'Leave it empty if it is the same.' }) : null,
    el('label', { class: 'check' }, isCode, 'That is a recovery code'),
  ];
  return {
    nodes,
    input,
    value: () => ({ value: input.value, isCode: isCode.checked }),
    clear: () => {
      input.value = '';
      isCode.checked = false;
      input.type = 'password';
    },
  };
}
