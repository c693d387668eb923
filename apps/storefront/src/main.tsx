import { render } from 'preact';
import { App } from './app.js';
import { loadConfig } from './config.js';
import { ShopProvider } from './shop.js';
import './styles.css';

const root = document.getElementById('app')!;
loadConfig().then(
  (config) =>
    render(
      <ShopProvider config={config}>
        <App />
      </ShopProvider>,
      root,
    ),
  (error: unknown) => {
    root.innerHTML = '';
    const message = document.createElement('p');
    message.setAttribute('role', 'alert');
    message.textContent = `The storefront could not start: ${String(error)}`;
    root.append(message);
  },
);
