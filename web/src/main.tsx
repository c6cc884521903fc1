/** Entry of the web workbench: renders the app into `#app`. */
import { render } from 'preact';
import { App } from './app.js';

performance.mark('haushalt:script-start');
render(<App />, document.getElementById('app')!);
