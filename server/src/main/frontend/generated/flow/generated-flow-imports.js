import '@vaadin/polymer-legacy-adapter/style-modules.js';
import '@vaadin/vertical-layout/src/vaadin-vertical-layout.js';
import '@vaadin/app-layout/src/vaadin-app-layout.js';
import '@vaadin/side-nav/src/vaadin-side-nav.js';
import '@vaadin/side-nav/src/vaadin-side-nav-item.js';
import '@vaadin/tooltip/src/vaadin-tooltip.js';
import '@vaadin/select/src/vaadin-select.js';
import 'Frontend/generated/jar-resources/selectConnector.js';
import 'Frontend/generated/jar-resources/flow-component-renderer.js';
import 'Frontend/generated/jar-resources/lit-renderer.ts';
import '@vaadin/app-layout/src/vaadin-drawer-toggle.js';
import '@vaadin/button/src/vaadin-button.js';
import 'Frontend/generated/jar-resources/disableOnClickFunctions.js';
import '@vaadin/horizontal-layout/src/vaadin-horizontal-layout.js';
import '@vaadin/common-frontend/ConnectionIndicator.js';
import '@vaadin/vaadin-lumo-styles/color-global.js';
import '@vaadin/vaadin-lumo-styles/typography-global.js';
import '@vaadin/vaadin-lumo-styles/sizing.js';
import '@vaadin/vaadin-lumo-styles/spacing.js';
import '@vaadin/vaadin-lumo-styles/style.js';
import '@vaadin/vaadin-lumo-styles/vaadin-iconset.js';
import 'Frontend/generated/jar-resources/ReactRouterOutletElement.tsx';

const loadOnDemand = (key) => {
  const pending = [];
  if (key === '4c1726b5232a3459374640404b17d0fc82801988c39c59b43ac8ccf0e27680e9') {
    pending.push(import('./chunks/chunk-c40a9c315b41135a1e5496cd0e753ae12f8c4e5c7bc0514be71e04a41d182b76.js'));
  }
  if (key === '532aa9fd2e70429a59232cb8b02c87750a7449bcdc3dfe2eb055b01c0c9870a1') {
    pending.push(import('./chunks/chunk-c23a2784e8bbb5b6b450a5fcca216533f78acce5491f290d8b87ca788eae79b8.js'));
  }
  if (key === '4552c199967f954fe43fca66a667ea9631337a91f91a4c6f20c311b109501dae') {
    pending.push(import('./chunks/chunk-aa812a97fcc31619f9b18b57ec5f7cbc2ee90e4253e71660651e58aa735cf3b9.js'));
  }
  if (key === 'e17ef41b5fa4487bd128f1054d93793300a36e5bc9df5d8a7507b592bc487b38') {
    pending.push(import('./chunks/chunk-37e3ec4d0d7d159525cfa5cc3c667d48994720e18a32e392632ba7049f31d9e8.js'));
  }
  if (key === 'fe600db6f0b990c4bc1b04e694ce272327560b8ac4c7750c88ceb4d5c0b3f6be') {
    pending.push(import('./chunks/chunk-c30114804035deb1674e7414bc5e4a8019c81569d36813e479f80432424c4ae6.js'));
  }
  if (key === 'a7d50139b04905acfaa2979d4a812f22aed02fe71c9d7469ddf61c62bf9bb6e8') {
    pending.push(import('./chunks/chunk-d66379563e1c38ef674720788895169af42f7f39e4a7c577ceab8560713ab006.js'));
  }
  if (key === '61585b2bba5b09c02a3870db88696ba5820383d9c114d064cb24333274f4069c') {
    pending.push(import('./chunks/chunk-6ec740c8179bdbd7f9d3dbb3b1ca41f0781af2baf2dc0285873be78ec58a1787.js'));
  }
  if (key === '0de47c8fad48643e03f305adb75416c318607441ec35f2ea19969fee9b95204a') {
    pending.push(import('./chunks/chunk-56b10c82f43d4edca1412bca8e7284325bf273b56d3a2900ccf31a430fad9473.js'));
  }
  return Promise.all(pending);
}

window.Vaadin = window.Vaadin || {};
window.Vaadin.Flow = window.Vaadin.Flow || {};
window.Vaadin.Flow.loadOnDemand = loadOnDemand;
window.Vaadin.Flow.resetFocus = () => {
 let ae=document.activeElement;
 while(ae&&ae.shadowRoot) ae = ae.shadowRoot.activeElement;
 return !ae || ae.blur() || ae.focus() || true;
}