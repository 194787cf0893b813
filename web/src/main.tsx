/** Page entry: renders the app (which claims the database, then starts the core worker) and registers the service worker. */
import { render } from 'preact';
import { Root } from './root';
import { startServiceWorker } from './shell/service_worker';
import './styles/app.css';

const root = document.getElementById('app');
if (root === null) throw new Error('index.html has no #app element');
render(<Root />, root);
startServiceWorker();
