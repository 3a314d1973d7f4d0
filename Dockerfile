FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app

# exactly the locked versions, hashes checked (what CI tested)
COPY requirements.txt ./
RUN pip install --require-hashes --no-deps -r requirements.txt
COPY . .
RUN DEBUG=false SECRET_KEY=build-only ALLOWED_HOSTS=localhost \
    python manage.py collectstatic --noinput

RUN useradd --create-home app
USER app
EXPOSE 8000
CMD ["gunicorn", "emulation.wsgi", "-c", "gunicorn.conf.py"]
