// Composition root: wires the API into the views and moves between screens.
import * as api from './api.js';
import * as welcome from './views/welcome.js';
import * as about from './views/about.js';

const views = { welcome, about };
const view = document.getElementById('view');

export function go(name, { focus = true } = {}) {
  const next = views[name];
  if (!next) throw new Error(`unknown view ${name}`);
  view.replaceChildren();
  view.dataset.view = name;
  next.mount(view, api, go);
  // Screen readers hear the new screen's heading; keyboard focus starts at the top.
  const heading = view.querySelector('h1');
  if (focus && heading) {
    heading.tabIndex = -1;
    heading.focus();
  }
}

document.addEventListener('click', (event) => {
  const target = event.target.closest('[data-nav]');
  if (target) go(target.dataset.nav);
});

go('welcome', { focus: false });
