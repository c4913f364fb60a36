// One command, called from the form (as in create-tauri-app's vanilla template).
const { invoke } = window.__TAURI__.core;

document.getElementById('greet-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const name = document.getElementById('greet-input').value;
  document.getElementById('greet-reply').textContent = await invoke('greet', { name });
});
