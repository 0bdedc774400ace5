const mongoose = require('mongoose');

const ready = mongoose.connect(process.env.MONGODB_URI);

exports.connection = () => ready;
