module.exports = {
    addDeployment: require('./lib/addDeployment')
};
