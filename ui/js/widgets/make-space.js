// Making a person's own space: a passphrase of their own (no recovery code), and, if they
// have earlier private answers under the owner's key, whether to move them in.
import { el, field, showError } from '../dom.js';
import { strengthFeedback } from './strength.js';

/**
 * The fields that make `person`'s space, as a group (it may sit inside another form, so
 * it is not a form itself; Enter in its fields makes the space). `earlier` is how many
 * earlier private answers they have. Calls `done()` once the space exists.
 */
export function makeSpaceForm(api, { person, name, earlier = 0, done }) {
  const pass = el('input', { type: 'password', name: 'space-pass', autocomplete: 'new-password',
    spellcheck: 'false', autocapitalize: 'off' });
  const again = el('input', { type: 'password', name: 'space-again', autocomplete: 'new-password',
    spellcheck: 'false', autocapitalize: 'off' });
  pass.id = `space-pass-${person}`;
  const strength = strengthFeedback(api, pass, { id: `space-strength-${person}` });
  pass.setAttribute('aria-describedby', strength.node.id);
  const move = earlier ? el('input', { type: 'checkbox', name: 'move-earlier', checked: true }) : null;
  const submit = el('button', { type: 'button', class: 'primary', text: 'Make my space' });
  const form = el('div', { class: 'stack make-space', role: 'group', 'aria-label': 'Make your own space' },
    el('p', { text: `A space of your own, ${name}: what you keep there opens only with your passphrase, not with the device owner\u2019s.` }),
    el('p', { class: 'fine', text: 'There is no recovery code for a space. If you forget this passphrase, nobody can open it again, not even you.' }),
    ...field('Your own passphrase', pass), strength.node,
    ...field('The same again', again),
    move ? el('label', { class: 'check' }, move,
      `Move my ${earlier} earlier private ${earlier === 1 ? 'answer' : 'answers'} into it`) : null,
    el('div', { class: 'actions' }, submit));
  for (const input of [pass, again]) {
    input.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter') return;
      event.preventDefault();
      submit.click();
    });
  }
  submit.addEventListener('click', async () => {
    form.querySelector('.notice')?.remove();
    if (pass.value !== again.value) {
      showError(form, { message: 'The two passphrases are not the same yet.' });
      again.focus();
      return;
    }
    submit.disabled = true;
    submit.textContent = 'Making your space\u2026';
    try {
      await api.makeSpace(person, pass.value, Boolean(move?.checked));
      pass.value = '';
      again.value = '';
      done();
    } catch (error) {
      showError(form, error);
      pass.focus();
    } finally {
      submit.disabled = false;
      submit.textContent = 'Make my space';
    }
  });
  return form;
}
