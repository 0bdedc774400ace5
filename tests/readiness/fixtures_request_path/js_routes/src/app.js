const express = require('express');
const mysql = require('mysql2/promise');

let pool = mysql.createPool({ host: process.env.DB_HOST });
const app = express();
app.use(express.json());

app.post('/config', async (req, res) => {
  pool = mysql.createPool({ host: req.body.host });
  const [rows] = await pool.query('select 1');
  res.json(rows);
});

app.get('/orders', async (req, res) => {
  const [rows] = await pool.query('select * from orders');
  res.json(rows);
});

module.exports = app;
