import { render } from 'preact';
import { App } from './app.tsx';
import './styles.css';

const root = document.getElementById('app')!;
// The static 正在加载… placeholder goes once the app renders in its place.
root.textContent = '';
render(<App />, root);
