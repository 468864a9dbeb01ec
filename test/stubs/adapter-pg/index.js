'use strict';
class PrismaPg {
  constructor(config) {
    this.config = config;
  }
}
module.exports = { PrismaPg };
