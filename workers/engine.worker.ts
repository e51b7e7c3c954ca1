// The engine worker's entry: exposes EngineService to the page through comlink.
import * as Comlink from 'comlink';
import { EngineService } from './engine-service';

Comlink.expose(new EngineService());
