// placeholder replaced by the CLI module
import './main';
