import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Panel } from '../../components/Panel';
import './panel.css';

render(<Panel browser={browser} />, document.getElementById('app')!);
