import { render } from 'preact';
import browser from 'webextension-polyfill';
import { Panel } from '../../components/Panel';
import './panel.css';

render(<Panel browser={browser} />, document.getElementById('app')!);
