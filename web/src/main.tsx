/** Page entry: starts the core worker and renders the app. */
import { render } from 'preact';
import { App } from './app';
import { createCoreBridge } from './core/bridge';
import './styles/app.css';

const root = document.getElementById('app');
if (root === null) throw new Error('index.html has no #app element');
render(<App core={createCoreBridge()} />, root);
