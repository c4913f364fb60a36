// "Who can see this?": the one choice a person makes for what they are about to answer,
// said in plain words at the moment they answer. For the device's owner, "only me" is kept
// in their vault; for anyone else it is sealed in their own space, which they can make
// right here, or not kept at all.
import { el, showError } from '../dom.js';
import { makeSpaceForm } from './make-space.js';

const SAY = {
  shared: 'Kept in Tend. Everyone in this session can see it.',
  kept: 'Kept in Tend, and never shown to the others.',
  keptSpace: 'Sealed in your own space. Only your passphrase opens it; not even the device\u2019s owner can read it.',
  noSpace: 'Kept in a space of your own, which you make now with a passphrase only you know.',
  notKept: 'Used only for the cards offered now, then forgotten when this ends or Tend locks. Never saved.',
};

let uid = 0;

/**
 * `who`: { person, name, isOwner }. `initial`: 'shared' | 'kept' | 'not_kept' (defaults:
 * not kept for anyone but the owner). Returns { node, value(), check(form) }: `check`
 * is false (and says why in `form`) while "kept" is chosen by someone with no space yet.
 */
export function privacyChoice(api, who, { initial, together = false } = {}) {
  const name = `privacy-${++uid}`;
  const start = initial ?? (who.isOwner ? (together ? 'shared' : 'kept') : 'not_kept');
  const state = { hasSpace: who.isOwner, earlier: 0 };
  const options = [
    ['shared', 'Everyone here'],
    ['kept', who.isOwner ? 'Only me' : 'Only me, kept'],
    ['not_kept', 'Only me, not kept'],
  ];
  const say = el('p', { class: 'fine privacy-say', 'aria-live': 'polite' });
  const spaceBox = el('div', { class: 'space-box', hidden: true });
  const radios = options.map(([value, label]) => el('label', { class: 'check' },
    el('input', { type: 'radio', name, value, checked: value === start }), label));
  const node = el('fieldset', { class: 'privacy' }, el('legend', { text: 'Who can see this?' }),
    el('div', { class: 'choices' }, radios), say, spaceBox);

  const value = () => node.querySelector(`input[name="${name}"]:checked`)?.value ?? start;
  function render() {
    const v = value();
    const needsSpace = v === 'kept' && !state.hasSpace;
    say.textContent = v === 'shared' ? SAY.shared
      : v === 'not_kept' ? SAY.notKept
        : who.isOwner ? SAY.kept : state.hasSpace ? SAY.keptSpace : SAY.noSpace;
    spaceBox.hidden = !needsSpace;
    if (needsSpace && !spaceBox.firstChild) {
      spaceBox.append(makeSpaceForm(api, {
        person: who.person, name: who.name, earlier: state.earlier,
        done: () => {
          state.hasSpace = true;
          spaceBox.replaceChildren();
          render();
          node.querySelector(`input[name="${name}"]:checked`)?.focus();
        },
      }));
    }
  }
  node.addEventListener('change', (event) => {
    if (event.target.name === name) render();
  });
  if (!who.isOwner) {
    api.spaceInfo(who.person).then((info) => {
      state.hasSpace = info.exists;
      state.earlier = info.earlierPrivate;
      render();
    }).catch(() => {});
  }
  render();
  function check(form) {
    if (value() !== 'kept' || state.hasSpace) return true;
    showError(form, { message: 'To keep this just for you, make your space first, or choose another answer to \u201cWho can see this?\u201d.' });
    node.querySelector('input[type="password"]')?.focus();
    return false;
  }
  return { node, value, check };
}
