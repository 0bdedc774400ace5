const mysql = require('mysql2/promise');

const connect = async () => mysql.createConnection({ host: process.env.DB_HOST });

exports.handler = async (event) => {
  const conn = await connect();
  const [rows] = await conn.query('select * from t where id = ?', [event.id]);
  return rows;
};
