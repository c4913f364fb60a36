// A full-screen message with a way to try again (for example, Tend open twice).
import { $, clone, fill } from '../dom.js';

export function mount(root, { app }, { title, body }) {
  root.append(clone('tpl-message'));
  fill(root, { title, body });
  $(root, '[data-action="retry"]').addEventListener('click', () => app.refresh());
}
