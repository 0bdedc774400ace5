'use strict';

module.exports.postHandler = require('./src/postHandler');
module.exports.getHandler = require('./src/getHandler');
module.exports.ossTriggerHandler = require('./src/ossTriggerHandler');