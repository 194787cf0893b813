/** Page entry: starts the core worker, renders the app and registers the service worker. */
import { render } from 'preact';
import { App } from './app';
import { createCoreBridge } from './core/bridge';
import { startServiceWorker } from './shell/service_worker';
import './styles/app.css';

const root = document.getElementById('app');
if (root === null) throw new Error('index.html has no #app element');
render(<App core={createCoreBridge()} />, root);
startServiceWorker();
